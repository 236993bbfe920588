"""Category trees: NodeFamily paths of products, services and contacts.

A path is a ``:``-separated list of names (``"اشخاص: دسته 1: دسته 2"``, ``"دیجیتال:موبایل:سامسونگ"``).
Whitespace around ``:`` and inside names is normalised; a leading segment that names the tree's
root is the root itself, so both spellings above name nodes under the same root. Saving a
record with a path creates the missing nodes.

A root is named by its Persian name or by the English one shop plugins write (WooCommerce
``"products: کالای دیجیتال:هدفون"``, PrestaShop ``"Products:…"``, ``"Contacts:…"``), in any case.
An item's path may start with either item root: the plugins write ``products:`` for virtual
products too, which are services, and the item's type decides the tree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hesabdar.categories.errors import InvalidCategoryPath
from hesabdar.categories.models import Category
from hesabdar.kit import bulk
from hesabdar.kit.errors import Location

SEPARATOR = " : "
MAX_NAME_LENGTH = 200
MAX_DEPTH = 20
_SPACES = re.compile(r"\s+")


class CategoryKind(StrEnum):
    PRODUCT = "product"
    SERVICE = "service"
    CONTACT = "contact"


# Hesabfa's root names of the three trees.
ROOT_NAMES: dict[CategoryKind, str] = {
    CategoryKind.PRODUCT: "کالاها",
    CategoryKind.SERVICE: "خدمات",
    CategoryKind.CONTACT: "اشخاص",
}


# Arabic yeh and kaf are typed by many keyboards for the Persian letters.
_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})


def _root_key(name: str) -> str:
    return name.translate(_LETTERS).casefold()


_ITEM_ROOTS = frozenset(_root_key(name) for name in ("کالاها", "products", "خدمات", "services"))
# The leading names that mean the root of each tree.
ROOT_ALIASES: dict[CategoryKind, frozenset[str]] = {
    CategoryKind.PRODUCT: _ITEM_ROOTS,
    CategoryKind.SERVICE: _ITEM_ROOTS,
    CategoryKind.CONTACT: frozenset(_root_key(name) for name in ("اشخاص", "contacts", "persons")),
}


# Where a path is in a save's input, for errors that do not say otherwise.
NODE_FAMILY_AT = Location.of("node_family")


def split_path(kind: CategoryKind, path: str | None, at: Location = NODE_FAMILY_AT) -> list[str]:
    """The names below the root that ``path`` names (empty for the root itself or no path)."""
    if not path:
        return []
    names = [_SPACES.sub(" ", part).strip() for part in path.split(":")]
    names = [name for name in names if name]
    if names and _root_key(names[0]) in ROOT_ALIASES[kind]:
        names = names[1:]
    if len(names) > MAX_DEPTH:
        raise InvalidCategoryPath(f"at most {MAX_DEPTH} levels below the root.", location=at)
    for name in names:
        if len(name) > MAX_NAME_LENGTH:
            raise InvalidCategoryPath(
                f"a category name is longer than {MAX_NAME_LENGTH} characters.", location=at
            )
    return names


def normalize_path(kind: CategoryKind, path: str | None) -> str:
    """The full path as rendered (root included), e.g. ``"کالاها : دیجیتال : موبایل"``."""
    return SEPARATOR.join([ROOT_NAMES[kind], *split_path(kind, path)])


def _find(
    session: Session, business_id: int, kind: CategoryKind, full_path: str
) -> Category | None:
    return session.scalar(
        select(Category).where(
            Category.business_id == business_id,
            Category.kind == kind.value,
            Category.full_path == full_path,
        )
    )


def ensure_node(
    session: Session,
    business_id: int,
    kind: CategoryKind,
    path: str | None,
    at: Location = NODE_FAMILY_AT,
) -> Category:
    """The node ``path`` names in the ``kind`` tree, creating it and its missing ancestors.

    No path means the root; ``at`` is where the path is in the input, for errors.
    """
    names = split_path(kind, path, at)
    node = _find_or_create(session, business_id, kind, None, ROOT_NAMES[kind], ROOT_NAMES[kind])
    for name in names:
        full_path = node.full_path + SEPARATOR + name
        node = _find_or_create(session, business_id, kind, node.id, name, full_path)
    return node


# A node named by its tree and the names below the root (what :func:`split_path` gives).
NodeKey = tuple[CategoryKind, tuple[str, ...]]


def full_path_of(key: NodeKey) -> str:
    kind, names = key
    return SEPARATOR.join([ROOT_NAMES[kind], *names])


def ensure_nodes(
    session: Session, business_id: int, keys: Sequence[NodeKey]
) -> dict[NodeKey, Category]:
    """The nodes ``keys`` name, as :func:`ensure_node` gives them one by one: the existing ones
    found in one query per chunk of paths, the missing ones (and their ancestors) created in
    the order the keys first need them."""
    wanted: list[NodeKey] = []
    for kind, names in dict.fromkeys(keys):
        wanted.extend((kind, names[:depth]) for depth in range(len(names) + 1))
    wanted = list(dict.fromkeys(wanted))
    kinds = sorted({kind.value for kind, _names in wanted})
    found = {
        (CategoryKind(node.kind), node.full_path): node
        for node in bulk.scalars_in(
            session,
            select(Category).where(Category.business_id == business_id, Category.kind.in_(kinds)),
            Category.full_path,
            [full_path_of(key) for key in wanted],
        )
    }
    nodes: dict[NodeKey, Category] = {}
    for key in wanted:
        kind, names = key
        full_path = full_path_of(key)
        node = found.get((kind, full_path))
        if node is None:
            parent = nodes[(kind, names[:-1])] if names else None
            name = names[-1] if names else ROOT_NAMES[kind]
            node = _find_or_create(
                session, business_id, kind, parent.id if parent else None, name, full_path
            )
        nodes[key] = node
    return nodes


def _find_or_create(
    session: Session,
    business_id: int,
    kind: CategoryKind,
    parent_id: int | None,
    name: str,
    full_path: str,
) -> Category:
    node = _find(session, business_id, kind, full_path)
    if node is not None:
        return node
    node = Category(
        business_id=business_id,
        kind=kind.value,
        parent_id=parent_id,
        name=name,
        full_path=full_path,
    )
    try:
        # A concurrent request may create the same node: on PostgreSQL our insert waits for
        # it and then hits the unique key; the savepoint keeps our transaction usable, and
        # the committed node is the one to use.
        with session.begin_nested():
            session.add(node)
            session.flush()
    except IntegrityError:
        existing = _find(session, business_id, kind, full_path)
        if existing is None:
            raise
        return existing
    return node


@dataclass
class CategoryTree:
    """A node with its children, for rendering. ``id`` is 0 for a root not yet stored."""

    id: int
    name: str
    full_path: str
    children: list[CategoryTree] = field(default_factory=list)


def tree(session: Session, business_id: int, kind: CategoryKind) -> CategoryTree:
    """The whole tree of one kind; children in name order. A business that never saved a
    categorised record still has its (empty) root."""
    nodes = list(
        session.scalars(
            select(Category)
            .where(Category.business_id == business_id, Category.kind == kind.value)
            .order_by(Category.name, Category.id)
        )
    )
    built = {node.id: CategoryTree(node.id, node.name, node.full_path) for node in nodes}
    root: CategoryTree | None = None
    for node in nodes:
        if node.parent_id is None:
            root = built[node.id]
        elif node.parent_id in built:
            built[node.parent_id].children.append(built[node.id])
    if root is None:
        name = ROOT_NAMES[kind]
        return CategoryTree(0, name, name)
    return root
