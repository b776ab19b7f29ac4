"""PLACEHOLDER: being written."""
from pubnub.endpoints.endpoint import Endpoint


class Signal(Endpoint):
    pass
