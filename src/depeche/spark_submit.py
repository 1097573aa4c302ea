"""The file to give spark-submit: `spark-submit --master yarn .../depeche/spark_submit.py INPUT OUTPUT`."""
import os
import sys

# Run as a file, its folder would come first on sys.path and the package's modules would shadow others.
if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    sys.path.pop(0)

from depeche.spark import main

if __name__ == "__main__":
    sys.exit(main())
