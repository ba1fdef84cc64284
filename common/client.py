"""The address a request comes from, as login throttling counts it.

Behind the reverse proxy the README prescribes, every request reaches gunicorn from the proxy's
address; the person's own address is in the proxy's ``X-Forwarded-For`` header. That header is
anyone's to write, so it is read only when the request comes from a proxy named in
``TRUSTED_PROXIES`` (addresses or networks): the address taken is the right-most one in the
header that is not itself a trusted proxy. From anywhere else the header is ignored, and an
attacker cannot pose as someone else's address to lock them out.
"""

import ipaddress
from functools import cache

from django.conf import settings


@cache
def _trusted_networks(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted(peer):
        return peer
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return peer  # a forged or broken header: count the proxy, not a made-up address
        if not _is_trusted(hop):
            return hop
    return peer
