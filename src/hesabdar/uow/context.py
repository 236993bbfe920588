"""What a facade's handler receives: the session of this request and who is calling.

The same context whatever the facade, so that both hand the same thing to the same services.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from hesabdar.tenancy.models import Business, User


@dataclass
class RequestContext:
    session: Session
    business: Business
    user: User
    # The fiscal year the request names: 1 = the business's first fiscal year, 2 the next, …
    year_index: int | None = None
    # True for writes through the API (the change log's ``API`` flag).
    via_api: bool = True
    # The absolute URL this server is reached at (HESABDAR_PUBLIC_URL, else the request's own),
    # for the links to public pages that a method hands out.
    public_url: str = ""

    @property
    def business_id(self) -> int:
        return self.business.id
