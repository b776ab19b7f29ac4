"""Access Manager v3 models: the grant_token resources (``User``, ``Space``, ``Channel``, ``Group``) and result.

Layer: models (plain data). Imports nothing from the clients, transports or endpoints.
"""
