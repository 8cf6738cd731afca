"""Serving the dashboard to a team: several Streamlit replicas behind nginx (deploy/README.md).

`serve.py` starts and stops the processes (`python -m deploy.serve`, `python3 tasks.py serve`);
`nginx.py` renders `nginx.conf.template` and checks it with `nginx -t`.
"""
