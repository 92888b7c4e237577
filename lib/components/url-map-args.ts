import * as pulumi from "@pulumi/pulumi";
import { UrlMapModel } from "../translate/model";

/**
 * The routing of a URL map, global or regional alike (`URLMap` and `RegionUrlMap` take the same
 * fields): the model's host rules, path matchers and tests, each backend key given as its service's ID.
 */
export function urlMapRoutingArgs(model: UrlMapModel, service: (backendKey: string) => pulumi.Input<string>) {
  return {
    defaultService: service(model.defaultBackend),
    hostRules: model.hostRules.map((rule) => ({ hosts: rule.hosts, pathMatcher: rule.pathMatcher })),
    pathMatchers: model.pathMatchers.map((matcher) => ({
      name: matcher.name,
      defaultService: service(matcher.defaultBackend),
      pathRules: matcher.pathRules.map((rule) => ({ paths: rule.paths, service: service(rule.backend) })),
    })),
    tests: model.tests.map((test) => ({
      host: test.host,
      path: test.path,
      service: service(test.backend),
      description: test.description,
    })),
  };
}
