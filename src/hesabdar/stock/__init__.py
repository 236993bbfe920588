"""Stock: perpetual inventory at moving weighted-average cost, per item and per warehouse."""
