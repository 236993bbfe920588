"""``requestUniqueId``: a write that was already applied returns its first result again."""
