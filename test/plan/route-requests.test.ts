import { strict as assert } from "assert";
import { routeRequests } from "../../lib/plan/route-requests";
import { HttpsFrontendModel, LoadBalancerModel } from "../../lib/translate/model";
import { translate } from "../../lib/translate/translate";
import { seedIngress, seedServices } from "../translate/fixtures";

const ingresses = [seedIngress()];
const seedModel = (): LoadBalancerModel => translate({ name: "lb", ingresses, services: seedServices() });
const https: HttpsFrontendModel = {
  proxyName: "lb-https-proxy",
  forwardingRuleName: "lb-https",
  preSharedCertificates: [],
  managedCertificates: [],
  certificates: [],
  quic: "NONE",
};
const route = (model: LoadBalancerModel, url: string) =>
  routeRequests([url], [model], () => ingresses).results[0];

describe("routeRequests", () => {
  it("answers as the URL map routes, agreeing with Kubernetes (no warning)", () => {
    const { results, warnings } = routeRequests(
      ["http://a.com/users/7", "/nowhere"],
      [seedModel()],
      () => ingresses,
    );
    assert.deepEqual(
      results.map((r) => [r.service, r.defaultBackend, r.rule]),
      [
        ["users-node-svc", false, "host *, path /users/*"],
        [null, true, "host *, path matcher default"],
      ],
    );
    assert.deepEqual(warnings, []);
  });

  it("HTTP is answered with the redirect when :80 redirects to HTTPS; HTTPS is routed", () => {
    const model = seedModel();
    model.frontend.https = {
      ...https,
      redirectToHttps: { urlMapName: "lb-redirect", responseCode: "MOVED_PERMANENTLY_DEFAULT" },
    };
    const plain = route(model, "http://shop.example.com/users/1?x=1");
    assert.equal(plain.service, null);
    assert.equal(plain.redirect, "https://shop.example.com/users/1");
    assert.match(plain.rule, /redirect \(MOVED_PERMANENTLY_DEFAULT\) to HTTPS/);
    assert.equal(route(model, "https://shop.example.com/users/1").service, "users-node-svc");
  });

  it("says when no listener serves the URL's scheme", () => {
    const model = seedModel();
    assert.match(route(model, "https://a.com/users/1").rule, /no HTTPS listener/);
    model.frontend.https = https;
    model.frontend.http = false;
    assert.match(
      route(model, "http://a.com/users/1").rule,
      /no HTTP listener \(:80\): allow-http is "false"/,
    );
  });
});
