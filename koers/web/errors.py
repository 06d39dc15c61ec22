"""The API's own request error: parts of a request that do not fit together (answered 400)."""


class BadRequest(ValueError):
    pass
