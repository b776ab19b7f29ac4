"""pubnub.testing: a local PubNub-compatible server (being written)."""
