import { strict as assert } from "assert";
import { didYouMean, missingInNamespaceHint } from "../lib/suggest";

describe("suggestions for a misspelt or misplaced name", () => {
  const secrets = [
    { name: "hello-ingress-serect", namespace: "default" },
    { name: "shop-tls", namespace: "shop" },
  ];
  const wanted = (name: string) => ({ kind: "Secret", name, namespace: "default", user: "an Ingress" });

  it("points at the nearest name in the same namespace", () => {
    assert.equal(
      missingInNamespaceHint(wanted("hello-ingress-secret"), secrets),
      'did you mean "hello-ingress-serect"?',
    );
  });

  it("says when the name exists only in another namespace, which the reference cannot reach", () => {
    assert.equal(
      missingInNamespaceHint(wanted("shop-tls"), secrets),
      'a Secret of that name exists in namespace "shop", but an Ingress can only use Secrets of its own namespace "default"',
    );
  });

  it("falls back when nothing is close", () => {
    assert.equal(missingInNamespaceHint(wanted("zzz"), secrets, "create it"), "create it");
    assert.equal(didYouMean("zzz", ["hello-ingress-serect"]), undefined);
  });
});
