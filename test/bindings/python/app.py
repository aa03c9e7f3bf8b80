"""The bindings smoke app in Python: the same app as test/bindings/typescript/app.ts.

Usage: python app.py OUTDIR
Writes OUTDIR/canary.k8s.yaml and OUTDIR/zero-trust.k8s.yaml (compared byte for byte with the
TypeScript output by scripts/bindings/smoke.sh), then checks that an analysis error at synth time
reaches Python as an exception carrying the rule id.
"""
import sys

import cdk8s
import cdk8s_plus_28 as kplus
from cdk8s_istio import (
    AuthorizationPolicy,
    Mesh,
    MeshService,
    MeshServiceSource,
    MtlsMode,
    PeerAuthentication,
    Principal,
)
from constructs import Construct


class CanaryChart(cdk8s.Chart):
    """reviews v1/v2: the test user `jason` always gets v2, everyone else 90/10."""

    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id, namespace="shop")

        reviews_v1 = kplus.Deployment(self, "reviews-v1", containers=[kplus.ContainerProps(
            image="docker.io/istio/examples-bookinfo-reviews-v1:1.20.1", port_number=9080,
            security_context=kplus.ContainerSecurityContextProps(ensure_non_root=False))])
        reviews_v2 = kplus.Deployment(self, "reviews-v2", containers=[kplus.ContainerProps(
            image="docker.io/istio/examples-bookinfo-reviews-v2:1.20.1", port_number=9080,
            security_context=kplus.ContainerSecurityContextProps(ensure_non_root=False))])

        self.reviews = MeshService(self, "reviews", port=9080)
        v1 = self.reviews.add_version("v1", reviews_v1)
        v2 = self.reviews.add_version("v2", reviews_v2)

        self.reviews.route_by_header("end-user", "jason", v2)
        self.reviews.canary(stable=v1, candidate=v2, weight=10)


class ZeroTrustChart(cdk8s.Chart):
    """STRICT mTLS, deny by default, the backend callable only by the frontend's service account."""

    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id, namespace="zero-trust")

        frontend_sa = kplus.ServiceAccount(self, "frontend-sa", metadata=cdk8s.ApiObjectMetadata(name="frontend"))
        backend_sa = kplus.ServiceAccount(self, "backend-sa", metadata=cdk8s.ApiObjectMetadata(name="backend"))
        kplus.Deployment(self, "frontend-deployment", service_account=frontend_sa, containers=[
            kplus.ContainerProps(image="ghcr.io/example/frontend:1.0.0", port_number=8080)])
        backend_deployment = kplus.Deployment(self, "backend-deployment", service_account=backend_sa, containers=[
            kplus.ContainerProps(image="ghcr.io/example/backend:1.0.0", port_number=9090)])
        backend = MeshService(self, "backend", source=MeshServiceSource.from_workload(backend_deployment))

        PeerAuthentication(self, "strict-mtls", mode=MtlsMode.STRICT)
        AuthorizationPolicy.deny_all(self, "deny-all")
        AuthorizationPolicy.allow_callers(
            self, "backend-from-frontend",
            to=backend,
            from_=[Principal.from_service_account(frontend_sa)],
            methods=["GET"],
            paths=["/api/*"],
        )


def main(outdir: str) -> None:
    app = cdk8s.App(outdir=outdir)
    Mesh(app, "mesh")
    CanaryChart(app, "canary")
    ZeroTrustChart(app, "zero-trust")
    app.synth()

    # The canary again, its VirtualService patched to route to a subset no DestinationRule defines.
    broken = cdk8s.App(outdir=outdir + "-broken")
    Mesh(broken, "mesh")
    canary = CanaryChart(broken, "canary")
    canary.reviews.virtual_service.add_json_patch(
        cdk8s.JsonPatch.replace("/spec/http/0/route/0/destination/subset", "v3"))
    try:
        broken.synth()
    except RuntimeError as e:  # jsii raises JSIIError, a RuntimeError
        if "virtualservice-subset-not-found" not in str(e):
            raise AssertionError(f"the synth failed without the rule id: {e}") from e
        return
    raise AssertionError("a route to a missing subset did not fail the synth")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "dist/bindings/python")
