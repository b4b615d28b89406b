"""kinerja-analysis: does evaluation-based ASN performance policy work?

Data flows one way: raw -> ingest/contract -> prepare (pseudonymized Parquet)
-> analyses -> results.json -> reports.
"""

__version__ = "0.1.0"
