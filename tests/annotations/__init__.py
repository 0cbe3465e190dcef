"""The W3C Web Annotation side: the protocol, users' writes and the store they go to."""
