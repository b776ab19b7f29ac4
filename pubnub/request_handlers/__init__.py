"""Request handlers of the plain ``PubNub`` client (4.8.1 ``pubnub.request_handlers``).

A request handler sends the plain client's requests in place of its built-in transport:
``pubnub.set_request_handler(handler)``. See ``base.BaseRequestHandler`` for the interface.
"""
