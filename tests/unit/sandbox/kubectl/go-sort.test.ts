/**
 * goSort is Go's sort.Sort: it must sort, keep every element, and (as Go's insertion sort does up
 * to 12 elements) keep ties in input order for short lists. The tie order of longer lists is
 * checked against the real kubectl by tests/conformance/corpus.ts (`kubectl events -A`, 44 events,
 * most in the same second).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { goSort } from "../../../../src/sandbox/kubectl/go-sort.ts";

test("sorts any list of keys and keeps every element", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 200 }), (keys) => {
      const items = keys.map((key, index) => ({ key, index }));
      goSort(items, (a, b) => a.key < b.key);
      for (let i = 1; i < items.length; i++)
        assert.ok((items[i - 1]?.key ?? 0) <= (items[i]?.key ?? 0));
      assert.deepEqual(
        items.map((i) => i.index).sort((a, b) => a - b),
        keys.map((_, i) => i),
      );
    }),
  );
});

test("up to 12 elements, ties keep their input order (insertion sort)", () => {
  const items = [3, 1, 3, 2, 1, 3, 2, 1, 3, 2, 1, 3].map((key, index) => ({ key, index }));
  goSort(items, (a, b) => a.key < b.key);
  assert.deepEqual(
    items.map((i) => i.index),
    [1, 4, 7, 10, 3, 6, 9, 0, 2, 5, 8, 11],
  );
});

test("past 12 elements, equal keys are not kept in input order", () => {
  // Newer events first in the input (as a namespace-ordered list has them), older ones after.
  const items = Array.from({ length: 44 }, (_, index) => ({ key: index < 23 ? 1 : 0, index }));
  goSort(items, (a, b) => a.key < b.key);
  const stable = [...items].sort((a, b) => a.key - b.key || a.index - b.index);
  assert.deepEqual(
    items.map((i) => i.key),
    stable.map((i) => i.key),
  );
  assert.notDeepEqual(
    items.map((i) => i.index),
    stable.map((i) => i.index),
  );
});
