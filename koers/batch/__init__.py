"""Population-scale jobs on Dask: the citizen check for everyone, vacancy matching both ways.

The same code runs on a ``distributed.LocalCluster`` (the default) and on any Dask cluster
given its scheduler address. Work is cut into the population's Parquet partitions; every
output partition is written whole or not at all, so a restarted run skips finished partitions.
"""
