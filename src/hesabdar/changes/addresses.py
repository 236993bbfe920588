"""Where change hooks may be sent: public addresses only, unless the operator allows a network.

A hook URL is the client's to choose, and the server POSTs to it: without a check, a client
could make the server reach what only the server can (its own loopback services, the private
network, a cloud's metadata service at 169.254.169.254 that hands out credentials). A URL whose
host is, or resolves to, a loopback, private, shared (100.64/10), link-local, multicast,
unspecified or reserved address is refused, unless that address is in a network the operator
allows (``HESABDAR_HOOK_ALLOWED_NETWORKS``). The cloud metadata addresses are refused whatever
the allowance. Every address a name resolves to must pass, and a sender connects only to the
addresses it checked (:func:`resolve`), so that a name that resolves differently a moment later
cannot slip past.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterable
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

Address = IPv4Address | IPv6Address
Network = IPv4Network | IPv6Network

# The instance metadata services of AWS (v4 and v6, and its time and ECS endpoints), GCP and
# Azure (169.254.169.254), Alibaba Cloud, Oracle, and Azure's wire server.
METADATA_ADDRESSES: frozenset[Address] = frozenset(
    ip_address(text)
    for text in (
        "169.254.169.254",
        "169.254.169.123",
        "169.254.170.2",
        "169.254.169.253",
        "fd00:ec2::254",
        "fd00:ec2::23",
        "fd00:ec2::253",
        "100.100.100.200",
        "192.0.0.192",
        "168.63.129.16",
    )
)
NAT64 = ip_network("64:ff9b::/96")


class AddressRefused(Exception):
    """The URL's host is not one hooks may be sent to; the message says which address and why."""


def parse_networks(text: str) -> tuple[Network, ...]:
    """``"127.0.0.0/8, ::1/128"`` as networks (the setting's format)."""
    return tuple(ip_network(part.strip(), strict=False) for part in text.split(",") if part.strip())


def _unwrapped(address: Address) -> Address:
    """The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address, else the address."""
    if isinstance(address, IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address in NAT64:
            return IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def refusal(address: Address, allowed: Iterable[Network]) -> str | None:
    """Why hooks are not sent to ``address`` (``"a loopback address"``), or None."""
    address = _unwrapped(address)
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_unspecified:
        return "an unspecified address"
    if any(address in network for network in allowed if network.version == address.version):
        return None
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_private or address.is_reserved or not address.is_global:
        return "a private or reserved address"
    return None


def resolve(host: str, port: int, allowed: Iterable[Network], *, deadline: float) -> list[Address]:
    """The addresses ``host`` resolves to, each checked; raises :class:`AddressRefused` if any
    of them is refused, or if the name does not resolve within ``deadline`` seconds."""
    allowed = tuple(allowed)
    try:
        addresses, literal = [ip_address(host)], True
    except ValueError:
        addresses, literal = _lookup(host, port, deadline), False
    for address in addresses:
        reason = refusal(address, allowed)
        if reason is not None:
            shown = host if literal else f"{host} resolves to {address}"
            raise AddressRefused(f"{shown}, {reason}")
    return addresses


def _lookup(host: str, port: int, deadline: float) -> list[Address]:
    # getaddrinfo has no timeout of its own: it runs in a thread that is waited for at most
    # `deadline` (and left to finish by itself past it).
    found: list[Address] = []
    failure: list[OSError] = []

    def look_up() -> None:
        try:
            for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
                address = ip_address(str(sockaddr[0]).split("%", 1)[0])
                if address not in found:
                    found.append(address)
        except (OSError, UnicodeError) as error:
            failure.append(OSError(str(error)))

    thread = threading.Thread(target=look_up, name="hesabdar-hook-dns", daemon=True)
    thread.start()
    thread.join(deadline)
    if thread.is_alive():
        raise AddressRefused(f"{host} did not resolve within {deadline:g} seconds")
    if failure or not found:
        reason = failure[0] if failure else "no address"
        raise AddressRefused(f"{host} does not resolve ({reason})")
    return found
