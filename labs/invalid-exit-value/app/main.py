"""shop-web: serves the shop's pages; warms a Redis cache at start-up."""

import logging
import sys

from shop import cache, server

log = logging.getLogger("shop-web")


def main() -> None:
    log.info("starting shop-web %s on :8080", server.VERSION)
    try:
        cache.warm_up()
    except ConnectionError as error:
        log.warning("cache warm-up failed: %s", error)
        log.error("giving up, exiting")
        # Meant as "exit with an error", but the kernel keeps only the low 8 bits of an exit
        # status: -128 % 256 == 128, which looks like a runtime failure in Kubernetes.
        sys.exit(-128)
    server.serve(port=8080)


if __name__ == "__main__":
    main()
