"""Stock perpetuals on the exchange (issue 19), the pure domain core: no clock, no database, no RPC.

`params` (markets and their sourced parameters), `book` (impact prices), `oracle` (oracle and mark),
`funding` (hourly funding), `margin` (isolated margin), `liquidation` (the cascade: book, backstop,
auto-deleveraging), `corporate_actions` (dividends and splits). The service layer reads the clock and
the session, keeps the states these functions return, and posts the money they decide.
"""
