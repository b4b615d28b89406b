"""Integer keys for (staff member, quarter) pairs, so joins on them are integer lookups.

The analyses join staff-quarter rows with other staff-quarter rows (next quarter's score,
follow-ups, the quarters an officer served citizens). Merging on the ``id_pegawai`` and
``triwulan`` strings took minutes on the 34 M national rows; these keys are built once with
Arrow (hashing, sorting, ``index_in``) and joined with numpy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .triwulan import ke_int as triwulan_ke_int

__all__ = ["KunciPegawaiTriwulan"]


class KunciPegawaiTriwulan:
    """Integer keys for the (id_pegawai, quarter) pairs of one table.

    ``code`` (staff code per row, in sorted id order), ``t`` (quarter number minus the
    first one, -1 when the label does not parse) and ``key`` (unique per pair, -1 when
    either is missing; the next quarter is ``key + 1``). :meth:`of` gives the keys of other
    rows (e.g. tindak_lanjut) on the same coding, -1 for a staff member or quarter unknown
    here.
    """

    def __init__(self, id_pegawai: pd.Series, triwulan: pd.Series):
        # Arrow hashing and sorting: pandas' sorted factorize and get_indexer took ~10 s
        # each on 34 M national rows.
        codes, uniq = pd.factorize(_arrow_str(id_pegawai), use_na_sentinel=True)
        uniq = pa.array(uniq)
        order = pc.array_sort_indices(uniq).to_numpy()
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        self.ids = uniq.take(order)
        self.code = np.where(codes >= 0, rank[np.maximum(codes, 0)], -1)
        tw = triwulan_ke_int(triwulan)
        valid = tw.notna().to_numpy() & (self.code >= 0)
        self.t0 = int(tw[valid].min()) if valid.any() else 0
        span = int(tw[valid].max()) - self.t0 if valid.any() else 0
        self.m = span + 2  # t + 1 never reaches the next staff member's keys
        self.t = np.where(valid, tw.fillna(self.t0).to_numpy("int64") - self.t0, -1)
        self.key = np.where(valid, self.code * self.m + self.t, -1)

    def of(self, id_pegawai: pd.Series, triwulan: pd.Series) -> np.ndarray:
        found = pc.index_in(pa.array(_arrow_str(id_pegawai).array), value_set=self.ids)
        code = found.fill_null(-1).to_numpy().astype("int64")
        t = triwulan_ke_int(triwulan).fillna(-1).to_numpy("int64") - self.t0
        ok = (code >= 0) & (t >= 0) & (t < self.m - 1)
        return np.where(ok, code * self.m + t, -1)


def _arrow_str(values: pd.Series) -> pd.Series:
    """The values as Arrow-backed strings (no copy when they already are)."""
    return pd.Series(values).astype(pd.StringDtype("pyarrow"))
