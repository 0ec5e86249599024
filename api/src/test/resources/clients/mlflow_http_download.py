"""Downloads one run artifact the way MLflow's Python client does (HttpArtifactRepository._download_file).

The call sequence is MLflow's, with requests only (the mlflow package itself cannot be installed here):
mlflow.utils.rest_utils.http_request puts the credential into the Authorization header (Bearer token, or Basic for
username and password), adds the default request headers (User-Agent mlflow-python-client/<version>,
X-MLflow-Client-Version), and sends through the cached requests.Session of mlflow.utils.request_utils (an HTTPAdapter
with urllib3 Retry on 408/429/5xx) with verify=True, timeout=120 and stream=True; the body is written in 1 MiB chunks.
Redirects are followed by requests' defaults (allow_redirects=True), which drop Authorization when the redirect leaves
the origin's host or port.

Usage: mlflow_http_download.py <tracking uri> <endpoint> <token> <destination file>
Prints one JSON line: the final status, the statuses of the redirects followed, whether the request that got the bytes
carried Authorization, and the SHA-256 and size of what was written.
"""
import hashlib
import json
import sys

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

CLIENT_VERSION = "2.17.2"


def session(max_retries=7, backoff_factor=2, retry_codes=(408, 429, 500, 502, 503, 504)):
    retry_kwargs = {
        "total": max_retries,
        "connect": max_retries,
        "read": max_retries,
        "redirect": max_retries,
        "status": max_retries,
        "status_forcelist": retry_codes,
        "backoff_factor": backoff_factor,
        "allowed_methods": None,
    }
    adapter = HTTPAdapter(max_retries=Retry(**retry_kwargs))
    s = requests.Session()
    s.mount("https://", adapter)
    s.mount("http://", adapter)
    return s


def main(tracking_uri, endpoint, token, destination):
    headers = {
        "User-Agent": f"mlflow-python-client/{CLIENT_VERSION}",
        "X-MLflow-Client-Version": CLIENT_VERSION,
        "Authorization": f"Bearer {token}",
    }
    url = f"{tracking_uri.rstrip('/')}{endpoint}"
    resp = session().request("GET", url, headers=headers, verify=True, timeout=120, stream=True)
    resp.raise_for_status()
    digest = hashlib.sha256()
    size = 0
    with open(destination, "wb") as f:
        for chunk in resp.iter_content(chunk_size=1024 * 1024):
            f.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    print(json.dumps({
        "status": resp.status_code,
        "redirects": [r.status_code for r in resp.history],
        "storeGotAuthorization": "Authorization" in resp.request.headers,
        "url": resp.url,
        "sha256": digest.hexdigest(),
        "size": size,
        "requests": requests.__version__,
        "urllib3": urllib3.__version__,
    }))


if __name__ == "__main__":
    main(*sys.argv[1:5])
