"""The workshop dashboard: the five layers live in a browser, served by control's REST face.

Control already holds a client to every service, the clock, the timeline and the fault book, so
the page needs no server of its own: `routes.install` mounts it at `/dashboard/` beside the
generated `/v1/...` routes (and out of their OpenAPI document). What a box shows, the calendar
week and the shape of a drill's plots are small pure functions here (`figures`, `week`,
`events`, `plots`), so they are tested without a sandbox; `gather` and `drills` do the calls.
"""
