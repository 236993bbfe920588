"""Settings, read from the environment (prefix ``HESABDAR_``) with working defaults."""

from functools import lru_cache
from ipaddress import ip_network

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///hesabdar.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HESABDAR_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    # Requests per minute per apiKey; 0 turns the limit off. Hesabfa documents 50/min per IP;
    # a self-hosted server can afford more, so the default is generous.
    rate_limit_per_minute: int = 600
    # Failed authentications per minute per apiKey and per client address; past it failing
    # attempts answer 101 (a right loginToken is still served). 0 turns it off.
    auth_failures_per_minute: int = 30
    # Wrong passwords per minute per apiKey and userId; past it password logins answer 101
    # without being verified. 0 turns it off.
    password_failures_per_minute: int = 5
    # The absolute URL clients reach this server at (``https://books.example.com``), which the
    # links to online invoices and contact statements begin with. Empty: the URL each request
    # came in on (right unless a proxy in front changes the scheme or host).
    public_url: str = ""
    log_level: str = "INFO"
    # One line per request (method, path, status, ErrorCode, milliseconds; never credentials).
    access_log: bool = True
    # The largest request body accepted (a batchsave of thousands of items fits easily).
    max_body_bytes: int = 20 * 1024 * 1024
    # Seconds a client has to send the whole body once the headers are in (114 past it), so
    # that a slow sender cannot hold a request open.
    body_read_timeout_seconds: float = 30.0
    # `hesabdar serve` only: seconds an idle keep-alive connection stays open, the largest
    # request head (request line and headers) in bytes, and the most connections served at
    # once per process (0 = no limit; past it new ones get HTTP 503).
    keep_alive_timeout_seconds: int = 5
    max_header_bytes: int = 16 * 1024
    max_connections: int = 1000
    # Change hooks (README, "Change hooks"). Networks (comma-separated CIDRs) that hook URLs
    # may resolve into although they are loopback, private or link-local, e.g. a receiver on
    # the same host: "127.0.0.0/8,::1/128". Empty: only public addresses.
    hook_allowed_networks: str = ""
    # Seconds one POST may take in all (connect, send, answer).
    hook_timeout_seconds: float = 10.0
    # Retries wait 10 s, 20 s, 40 s, … up to an hour; a delivery is given up (failed) after
    # this many attempts or once it is this old, and the business's next ones go on.
    hook_retry_base_seconds: float = 10.0
    hook_retry_max_seconds: float = 3600.0
    hook_max_attempts: int = 30
    hook_max_age_hours: float = 24.0
    # Businesses delivered to at once per process (each business's own are sent one by one).
    hook_workers: int = 8
    # Seconds between looks for due deliveries (a commit wakes this process's worker at once).
    hook_poll_seconds: float = 5.0
    # Days sent deliveries, and failed ones, are kept for `hesabdar hooks list`.
    hook_sent_retention_days: float = 7.0
    hook_failed_retention_days: float = 30.0
    # False: this process does not send hooks (another process on the database does).
    hook_delivery: bool = True

    def public_base(self, request_base_url: str) -> str:
        """The URL links to public pages begin with, without a trailing slash: ``public_url``,
        or else the one the request came in on."""
        return (self.public_url or request_base_url).rstrip("/")

    @field_validator("hook_allowed_networks")
    @classmethod
    def _networks(cls, value: str) -> str:
        for part in value.split(","):
            if part.strip():
                ip_network(part.strip(), strict=False)  # ValueError names a bad one
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
