/**
 * Which of many fixed strings occur inside a text, in one pass over the text whatever their number
 * (Aho-Corasick). The diff asks this of every input value of a plan against every self link and ID it
 * could point at: testing them one by one is quadratic at thousands of resources.
 */
export class SubstringMatcher<T> {
  // The trie, one slot per node (node 0 is the root). Most nodes have one child, kept in `unit` and
  // `child`; further children go to `more`, keyed `node * 2^16 + UTF-16 code unit`.
  private readonly unit: Int32Array;
  private readonly child: Int32Array;
  private readonly more = new Map<number, number>();
  /** The root's children by code unit: every text goes back to the root often, and it has the most. */
  private readonly rootNext = new Int32Array(0x10000);
  /** Longest proper suffix of a node's string that is also a node. */
  private readonly fail: Int32Array;
  /** Nearest node down the fail chain that ends a string, or 0. */
  private readonly output: Int32Array;
  /** 1 + the index in `values` of the string a node ends, or 0. */
  private readonly ends: Int32Array;
  private readonly values: T[][] = [];
  /** Values of the empty string, which occurs in every text. */
  private readonly everywhere: T[] = [];
  /** The `scan` that last reported a string, so each is reported once per text. */
  private readonly reported: Int32Array;
  private scans = 0;

  constructor(entries: Iterable<readonly [string, T]>) {
    const list = [...entries];
    const size = 1 + list.reduce((sum, [text]) => sum + text.length, 0);
    this.unit = new Int32Array(size).fill(-1);
    this.child = new Int32Array(size);
    this.fail = new Int32Array(size);
    this.output = new Int32Array(size);
    this.ends = new Int32Array(size);
    const parent = new Int32Array(size);
    const arrived = new Int32Array(size);
    const depth = new Int32Array(size);
    let nodes = 1;
    for (const [text, value] of list) {
      if (text === "") {
        this.everywhere.push(value);
        continue;
      }
      let node = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        let next = this.step(node, code);
        if (next === 0) {
          next = nodes++;
          if (node === 0) {
            this.rootNext[code] = next;
          } else if (this.unit[node] < 0) {
            this.unit[node] = code;
            this.child[node] = next;
          } else {
            this.more.set(node * 0x10000 + code, next);
          }
          parent[next] = node;
          arrived[next] = code;
          depth[next] = depth[node] + 1;
        }
        node = next;
      }
      if (this.ends[node] === 0) {
        this.values.push([]);
        this.ends[node] = this.values.length;
      }
      this.values[this.ends[node] - 1].push(value);
    }
    this.reported = new Int32Array(this.values.length);
    // Fail links in order of depth (a counting sort): a node's link comes from shallower nodes' links.
    const deepest = depth.reduce((max, d) => Math.max(max, d), 0);
    const start = new Int32Array(deepest + 2);
    for (let node = 0; node < nodes; node++) start[depth[node] + 1]++;
    for (let d = 1; d <= deepest + 1; d++) start[d] += start[d - 1];
    const order = new Int32Array(nodes);
    for (let node = 0; node < nodes; node++) order[start[depth[node]]++] = node;
    for (const node of order) {
      if (depth[node] < 2) continue;
      let state = this.fail[parent[node]];
      let target = this.step(state, arrived[node]);
      while (target === 0 && state !== 0) {
        state = this.fail[state];
        target = this.step(state, arrived[node]);
      }
      this.fail[node] = target;
      this.output[node] = this.ends[target] !== 0 ? target : this.output[target];
    }
  }

  /** The child of `node` by `code`, or 0 (the root is nobody's child). */
  private step(node: number, code: number): number {
    if (node === 0) return this.rootNext[code];
    if (this.unit[node] === code) return this.child[node];
    if (this.unit[node] < 0) return 0;
    return this.more.get(node * 0x10000 + code) ?? 0;
  }

  /** Calls `visit` once with the values of each distinct string found in `text`. */
  scan(text: string, visit: (values: readonly T[]) => void): void {
    if (this.everywhere.length > 0) visit(this.everywhere);
    if (this.values.length === 0) return;
    const scan = ++this.scans;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let target = this.step(state, code);
      while (target === 0 && state !== 0) {
        state = this.fail[state];
        target = this.step(state, code);
      }
      state = target;
      for (
        let node = this.ends[state] !== 0 ? state : this.output[state];
        node !== 0;
        node = this.output[node]
      ) {
        const found = this.ends[node] - 1;
        if (this.reported[found] === scan) continue;
        this.reported[found] = scan;
        visit(this.values[found]);
      }
    }
  }
}
