package smoke;

import java.util.List;

import io.github.cdk8s_istio.AllowCallersOptions;
import io.github.cdk8s_istio.AuthorizationPolicy;
import io.github.cdk8s_istio.CanaryOptions;
import io.github.cdk8s_istio.Mesh;
import io.github.cdk8s_istio.MeshService;
import io.github.cdk8s_istio.MeshServiceSource;
import io.github.cdk8s_istio.MtlsMode;
import io.github.cdk8s_istio.PeerAuthentication;
import io.github.cdk8s_istio.Principal;
import io.github.cdk8s_istio.ServiceVersion;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.App;
import org.cdk8s.AppProps;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.JsonPatch;
import org.cdk8s.plus28.ContainerProps;
import org.cdk8s.plus28.ContainerSecurityContextProps;
import org.cdk8s.plus28.Deployment;
import org.cdk8s.plus28.ServiceAccount;
import software.constructs.Construct;

/**
 * The bindings smoke app in Java: the same app as test/bindings/typescript/app.ts.
 *
 * <p>Argument: OUTDIR. Writes OUTDIR/canary.k8s.yaml and OUTDIR/zero-trust.k8s.yaml (compared byte
 * for byte with the TypeScript output by scripts/bindings/smoke.sh), then checks that an analysis
 * error at synth time reaches Java as an exception carrying the rule id.
 */
public final class SmokeApp {

    /** reviews v1/v2: the test user `jason` always gets v2, everyone else 90/10. */
    static final class CanaryChart extends Chart {
        final MeshService reviews;

        CanaryChart(final Construct scope, final String id) {
            super(scope, id, ChartProps.builder().namespace("shop").build());

            Deployment reviewsV1 = Deployment.Builder.create(this, "reviews-v1")
                .containers(List.of(reviewsContainer("docker.io/istio/examples-bookinfo-reviews-v1:1.20.1")))
                .build();
            Deployment reviewsV2 = Deployment.Builder.create(this, "reviews-v2")
                .containers(List.of(reviewsContainer("docker.io/istio/examples-bookinfo-reviews-v2:1.20.1")))
                .build();

            reviews = MeshService.Builder.create(this, "reviews").port(9080).build();
            ServiceVersion v1 = reviews.addVersion("v1", reviewsV1);
            ServiceVersion v2 = reviews.addVersion("v2", reviewsV2);

            reviews.routeByHeader("end-user", "jason", v2);
            reviews.canary(CanaryOptions.builder().stable(v1).candidate(v2).weight(10).build());
        }

        private static ContainerProps reviewsContainer(final String image) {
            return ContainerProps.builder()
                .image(image)
                .portNumber(9080)
                .securityContext(ContainerSecurityContextProps.builder().ensureNonRoot(false).build())
                .build();
        }
    }

    /** STRICT mTLS, deny by default, the backend callable only by the frontend's service account. */
    static final class ZeroTrustChart extends Chart {
        ZeroTrustChart(final Construct scope, final String id) {
            super(scope, id, ChartProps.builder().namespace("zero-trust").build());

            ServiceAccount frontendSa = ServiceAccount.Builder.create(this, "frontend-sa")
                .metadata(ApiObjectMetadata.builder().name("frontend").build())
                .build();
            ServiceAccount backendSa = ServiceAccount.Builder.create(this, "backend-sa")
                .metadata(ApiObjectMetadata.builder().name("backend").build())
                .build();
            Deployment.Builder.create(this, "frontend-deployment")
                .serviceAccount(frontendSa)
                .containers(List.of(ContainerProps.builder().image("ghcr.io/example/frontend:1.0.0").portNumber(8080).build()))
                .build();
            Deployment backendDeployment = Deployment.Builder.create(this, "backend-deployment")
                .serviceAccount(backendSa)
                .containers(List.of(ContainerProps.builder().image("ghcr.io/example/backend:1.0.0").portNumber(9090).build()))
                .build();
            MeshService backend = MeshService.Builder.create(this, "backend")
                .source(MeshServiceSource.fromWorkload(backendDeployment))
                .build();

            PeerAuthentication.Builder.create(this, "strict-mtls").mode(MtlsMode.STRICT).build();
            AuthorizationPolicy.denyAll(this, "deny-all");
            AuthorizationPolicy.allowCallers(this, "backend-from-frontend", AllowCallersOptions.builder()
                .to(backend)
                .from(List.of(Principal.fromServiceAccount(frontendSa)))
                .methods(List.of("GET"))
                .paths(List.of("/api/*"))
                .build());
        }
    }

    private SmokeApp() {
    }

    public static void main(final String[] args) {
        String outdir = args.length > 0 ? args[0] : "dist/bindings/java";

        App app = new App(AppProps.builder().outdir(outdir).build());
        new Mesh(app, "mesh");
        new CanaryChart(app, "canary");
        new ZeroTrustChart(app, "zero-trust");
        app.synth();

        // The canary again, its VirtualService patched to route to a subset no DestinationRule defines.
        App broken = new App(AppProps.builder().outdir(outdir + "-broken").build());
        new Mesh(broken, "mesh");
        CanaryChart canary = new CanaryChart(broken, "canary");
        canary.reviews.getVirtualService()
            .addJsonPatch(JsonPatch.replace("/spec/http/0/route/0/destination/subset", "v3"));
        try {
            broken.synth();
        } catch (RuntimeException e) { // jsii raises software.amazon.jsii.JsiiError, a RuntimeException
            if (!String.valueOf(e.getMessage()).contains("virtualservice-subset-not-found")) {
                throw new AssertionError("the synth failed without the rule id: " + e.getMessage(), e);
            }
            return;
        }
        throw new AssertionError("a route to a missing subset did not fail the synth");
    }
}
