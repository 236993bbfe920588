from tests.online.helpers import other_shop, shop

__all__ = ["other_shop", "shop"]
