"""Strongly connected components, shared by the two engines.

Both the Dung engine (af) and the gradual engine (qbaf) evaluate a graph one
strongly connected component at a time, in topological order, so that only
cyclic parts need search or iteration.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def strongly_connected(
    children: Sequence[Sequence[int]],
    member: Sequence[bool] | None = None,
    roots: Iterable[int] | None = None,
) -> list[list[int]]:
    """Tarjan's strongly connected components of the graph ``children`` (node ->
    successors), restricted to the nodes with ``member`` true, started from
    ``roots`` (default: every node), iteratively so long chains need no
    recursion.  Components come in topological order: each after every
    component with an edge into it.  Within a component, nodes come in the
    order Tarjan pops them (the root last)."""
    n = len(children)
    inside = member if member is not None else [True] * n
    order = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    found: list[list[int]] = []
    counter = 0
    for root in roots if roots is not None else range(n):
        if order[root] != -1:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            v, pos = work[-1]
            succ = children[v]
            while pos < len(succ):
                w = succ[pos]
                pos += 1
                if not inside[w]:
                    continue
                if order[w] == -1:
                    work[-1] = (v, pos)
                    order[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                    break
                if on_stack[w] and order[w] < low[v]:
                    low[v] = order[w]
            else:
                work.pop()
                if low[v] == order[v]:
                    comp: list[int] = []
                    while True:
                        w = stack.pop()
                        on_stack[w] = False
                        comp.append(w)
                        if w == v:
                            break
                    found.append(comp)
                if work:
                    u = work[-1][0]
                    if low[v] < low[u]:
                        low[u] = low[v]
    found.reverse()  # Tarjan emits sinks first
    return found
