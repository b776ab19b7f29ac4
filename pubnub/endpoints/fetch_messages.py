"""PLACEHOLDER: being written."""
from pubnub.endpoints.endpoint import Endpoint


class FetchMessages(Endpoint):
    pass
