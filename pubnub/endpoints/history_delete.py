"""PLACEHOLDER: being written."""
from pubnub.endpoints.endpoint import Endpoint


class HistoryDelete(Endpoint):
    pass
