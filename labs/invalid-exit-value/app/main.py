"""shop-web 1.0: serves the shop's pages."""

import logging
import os
import sys

from shop import server

log = logging.getLogger("shop-web")


def database_url() -> str:
    # 1.0 renamed the setting; the Deployment still provides SHOP_DATABASE_URL.
    return os.environ.get("DATABASE_URL", "")


def main() -> None:
    log.info("starting shop-web %s on :8080", server.VERSION)
    url = database_url()
    if not url:
        log.error("required setting DATABASE_URL is empty")
        print("fatal: configuration invalid, calling sys.exit(-128)", file=sys.stderr)
        # Meant as "exit with an error", but the kernel keeps only the low 8 bits of an exit
        # status: -128 % 256 == 128, which looks like a runtime failure in Kubernetes.
        sys.exit(-128)
    server.serve(port=8080, database_url=url)


if __name__ == "__main__":
    main()
