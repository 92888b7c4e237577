import { strict as assert } from "node:assert";
import { readResourceSchema } from "../../scripts/provider-facts/go-schema";

/** A resource in the shape terraform-provider-google-beta generates, with the traps a reader can fall in. */
const SOURCE = `
package compute

func ResourceComputeThing() *schema.Resource {
	return &schema.Resource{
		Identity: &schema.ResourceIdentity{
			SchemaFunc: func() map[string]*schema.Schema {
				return map[string]*schema.Schema{"name": {Type: schema.TypeString, RequiredForImport: true}}
			},
		},
		Schema: map[string]*schema.Schema{
			"name": {
				Type:        schema.TypeString,
				Required:    true,
				ForceNew:    true,
				Description: \`A name, {not a brace}, "quoted", ForceNew: false.\`,
			},
			// a comment with a brace {
			"rule": {
				Type:     schema.TypeList,
				Optional: true,
				MaxItems: 1,
				Elem: &schema.Resource{
					Schema: map[string]*schema.Schema{
						"port": {Type: schema.TypeInt, Optional: true, ForceNew: true, Description: "a \\"port\\" }"},
						"tags": {Type: schema.TypeList, Optional: true, Elem: &schema.Schema{Type: schema.TypeString}},
					},
				},
			},
			"backend": {
				Type:     schema.TypeSet,
				Optional: true,
				Elem:     thingBackendSchema(),
			},
			"labels": {Type: schema.TypeMap, Optional: true, Elem: &schema.Schema{Type: schema.TypeString}},
			"secret_wo": {Type: schema.TypeString, Optional: true, WriteOnly: true},
			"self_link": {Type: schema.TypeString, Computed: true},
			"project": tpgresource.ProjectSchema(),
		},
	}
}

func thingBackendSchema() *schema.Resource {
	return &schema.Resource{
		Schema: map[string]*schema.Schema{
			"group": {Type: schema.TypeString, Required: true},
		},
	}
}
`;

describe("scripts/provider-facts: reading a Terraform resource schema from Go source", () => {
  const attributes = readResourceSchema(SOURCE, "ResourceComputeThing");
  const byName = (name: string) => attributes.find((a) => a.name === name);

  it("reads the top-level attributes of Schema, not of Identity, in order", () => {
    assert.deepEqual(
      attributes.map((a) => a.name),
      ["name", "rule", "backend", "labels", "secret_wo", "self_link", "project"],
    );
  });

  it("reads ForceNew, Required, Optional, Computed and WriteOnly, ignoring strings and comments", () => {
    assert.deepEqual(
      [byName("name")?.forceNew, byName("name")?.required, byName("rule")?.forceNew],
      [true, true, false],
    );
    assert.equal(byName("self_link")?.computed, true);
    assert.equal(byName("secret_wo")?.writeOnly, true);
    assert.equal(byName("labels")?.type, "schema.TypeMap");
  });

  it("follows a nested block and a block built by a function of the same file", () => {
    const rule = byName("rule");
    assert.equal(rule?.maxItems, 1);
    assert.deepEqual(
      rule?.children?.map((c) => [c.name, c.forceNew]),
      [
        ["port", true],
        ["tags", false],
      ],
    );
    assert.deepEqual(
      byName("backend")?.children?.map((c) => [c.name, c.required]),
      [["group", true]],
    );
  });

  it("marks an attribute built by a call as opaque instead of guessing", () => {
    assert.equal(byName("project")?.opaque, "tpgresource.ProjectSchema()");
  });

  it("refuses a constructor it cannot find", () => {
    assert.throws(
      () => readResourceSchema(SOURCE, "ResourceComputeOther"),
      /ResourceComputeOther\(\) not found/,
    );
  });
});
