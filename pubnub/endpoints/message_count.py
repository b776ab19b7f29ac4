"""PLACEHOLDER: being written."""
from pubnub.endpoints.endpoint import Endpoint


class MessageCount(Endpoint):
    pass
