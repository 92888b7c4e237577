import { strict as assert } from "node:assert";
import { runCli, SEED_FILES } from "./run-cli";

const GROUP = "https://www.googleapis.com/compute/v1/projects/my-project/zones/us-east1-b/instanceGroups/g";

/** Cluster flags GCP would refuse: exit 2 and one line naming the flag, before anything is planned. */
describe("invalid cluster flags (ingress-glb plan --flag VALUE)", () => {
  const cases: [string[], string[]][] = [
    [["--node-tag", ""], ['--node-tag: "" is not a valid network tag']],
    [
      ["--node-tag", "gke-node", "--node-tag", "Bad Tag"],
      ['"Bad Tag" is not a valid network tag', '"bad-tag"'],
    ],
    [["--network", ""], ['--network: "" is not a valid network']],
    [["--project", "BAD PROJECT"], ['--project: "BAD PROJECT" is not a valid project ID']],
    [["--zone", "nowhere"], ['--zone: "nowhere" is not a valid zone']],
    [["--instance-group", "bad"], ['--instance-group: "bad" is not a valid instance group URL']],
    [["--instance-group", GROUP, "--instance-group", GROUP], ['instance group "g" is given twice']],
    [["--node-tag", "a\u001b[2Jb"], ['"a\\u001b[2Jb"']],
  ];
  for (const [flags, says] of cases) {
    it(`${JSON.stringify(flags.join(" "))}: ${says[0]}`, async () => {
      for (const command of [["plan"], ["route", "--url", "http://x/"]]) {
        const { code, out, err } = await runCli(command[0], ...SEED_FILES, ...command.slice(1), ...flags);
        assert.equal(code, 2, err);
        assert.equal(out, "");
        assert.ok(
          err.startsWith("ingress-glb: ") && err.indexOf("\n") === err.length - 1,
          JSON.stringify(err),
        );
        for (const text of says) assert.ok(err.includes(text), `${text} missing in ${err}`);
      }
    });
  }

  it("usage mistakes (a missing argument, an unknown option) are one line too, not the help", async () => {
    for (const argv of [["plan"], ["plan", ...SEED_FILES, "--bogus"], ["route", ...SEED_FILES], ["nope"]]) {
      const { code, out, err } = await runCli(...argv);
      assert.equal(code, 2, err);
      assert.equal(out, "");
      assert.match(err, /^ingress-glb: [^\n]+ \(see --help\)\n$/);
    }
  });

  it("valid flags plan as before", async () => {
    const { code, err } = await runCli(
      "plan",
      ...SEED_FILES,
      "--project",
      "my-project",
      "--network",
      "projects/my-project/global/networks/vpc",
      "--node-tag",
      "gke-node",
      "--instance-group",
      GROUP,
    );
    assert.equal(code, 0, err);
  });
});
