"""PLACEHOLDER: being written."""
from pubnub.endpoints.endpoint import Endpoint


class History(Endpoint):
    pass
