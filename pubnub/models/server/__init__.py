"""Models of what the service sends (4.8.1 ``pubnub.models.server``)."""
