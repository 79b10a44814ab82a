"""The owner's web app at /app/: every owner job in the browser, one module per area.

Views are thin: they validate a form's *shape*, call one service (the same ones the API
calls, so no rule lives here) and render. ``mixins.OwnerView`` scopes every page to the
signed-in owner; ``nav`` lists the areas for the navigation; templates live in
``templates/app/<area>/`` and reuse ``templates/app/generic/``.
"""
