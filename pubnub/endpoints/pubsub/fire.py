"""PLACEHOLDER: being written."""
from pubnub.endpoints.endpoint import Endpoint


class Fire(Endpoint):
    pass
