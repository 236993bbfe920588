"""Per-business counters for codes and numbers, allocated under a row lock."""
