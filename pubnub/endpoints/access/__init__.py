"""Access Manager endpoints: v2 ``grant``/``revoke``/``audit`` and v3 ``grant_token``.

Layer: core (endpoint declarations). Must not import tornado, requests or asyncio.
"""
