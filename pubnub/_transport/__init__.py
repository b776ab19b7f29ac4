"""Transports: translate an HttpRequest into a library call and back. No PubNub logic here."""
