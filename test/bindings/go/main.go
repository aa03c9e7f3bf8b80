// The bindings smoke app in Go: the same app as test/bindings/typescript/app.ts.
//
// Usage: go run . OUTDIR
// Writes OUTDIR/canary.k8s.yaml and OUTDIR/zero-trust.k8s.yaml (compared byte for byte with the
// TypeScript output by scripts/bindings/smoke.sh), then checks that an analysis error at synth
// time reaches Go as a panic carrying the rule id.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-istio/cdk8s-istio-go/cdk8sistio"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2"
)

// newCanaryChart: reviews v1/v2, the test user `jason` always gets v2, everyone else 90/10.
func newCanaryChart(scope constructs.Construct, id string) cdk8sistio.MeshService {
	chart := cdk8s.NewChart(scope, jsii.String(id), &cdk8s.ChartProps{Namespace: jsii.String("shop")})

	reviewsContainer := func(image string) *[]*cdk8splus28.ContainerProps {
		return &[]*cdk8splus28.ContainerProps{{
			Image:           jsii.String(image),
			PortNumber:      jsii.Number(9080),
			SecurityContext: &cdk8splus28.ContainerSecurityContextProps{EnsureNonRoot: jsii.Bool(false)},
		}}
	}
	reviewsV1 := cdk8splus28.NewDeployment(chart, jsii.String("reviews-v1"), &cdk8splus28.DeploymentProps{
		Containers: reviewsContainer("docker.io/istio/examples-bookinfo-reviews-v1:1.20.1"),
	})
	reviewsV2 := cdk8splus28.NewDeployment(chart, jsii.String("reviews-v2"), &cdk8splus28.DeploymentProps{
		Containers: reviewsContainer("docker.io/istio/examples-bookinfo-reviews-v2:1.20.1"),
	})

	reviews := cdk8sistio.NewMeshService(chart, jsii.String("reviews"), &cdk8sistio.MeshServiceProps{Port: jsii.Number(9080)})
	v1 := reviews.AddVersion(jsii.String("v1"), reviewsV1, nil)
	v2 := reviews.AddVersion(jsii.String("v2"), reviewsV2, nil)

	reviews.RouteByHeader(jsii.String("end-user"), jsii.String("jason"), v2)
	reviews.Canary(&cdk8sistio.CanaryOptions{Stable: v1, Candidate: v2, Weight: jsii.Number(10)})
	return reviews
}

// newZeroTrustChart: STRICT mTLS, deny by default, the backend callable only by the frontend's
// service account.
func newZeroTrustChart(scope constructs.Construct, id string) {
	chart := cdk8s.NewChart(scope, jsii.String(id), &cdk8s.ChartProps{Namespace: jsii.String("zero-trust")})

	frontendSa := cdk8splus28.NewServiceAccount(chart, jsii.String("frontend-sa"), &cdk8splus28.ServiceAccountProps{
		Metadata: &cdk8s.ApiObjectMetadata{Name: jsii.String("frontend")},
	})
	backendSa := cdk8splus28.NewServiceAccount(chart, jsii.String("backend-sa"), &cdk8splus28.ServiceAccountProps{
		Metadata: &cdk8s.ApiObjectMetadata{Name: jsii.String("backend")},
	})
	cdk8splus28.NewDeployment(chart, jsii.String("frontend-deployment"), &cdk8splus28.DeploymentProps{
		ServiceAccount: frontendSa,
		Containers:     &[]*cdk8splus28.ContainerProps{{Image: jsii.String("ghcr.io/example/frontend:1.0.0"), PortNumber: jsii.Number(8080)}},
	})
	backendDeployment := cdk8splus28.NewDeployment(chart, jsii.String("backend-deployment"), &cdk8splus28.DeploymentProps{
		ServiceAccount: backendSa,
		Containers:     &[]*cdk8splus28.ContainerProps{{Image: jsii.String("ghcr.io/example/backend:1.0.0"), PortNumber: jsii.Number(9090)}},
	})
	backend := cdk8sistio.NewMeshService(chart, jsii.String("backend"), &cdk8sistio.MeshServiceProps{
		Source: cdk8sistio.MeshServiceSource_FromWorkload(backendDeployment),
	})

	cdk8sistio.NewPeerAuthentication(chart, jsii.String("strict-mtls"), &cdk8sistio.PeerAuthenticationProps{Mode: cdk8sistio.MtlsMode_STRICT})
	cdk8sistio.AuthorizationPolicy_DenyAll(chart, jsii.String("deny-all"), nil)
	cdk8sistio.AuthorizationPolicy_AllowCallers(chart, jsii.String("backend-from-frontend"), &cdk8sistio.AllowCallersOptions{
		To:      backend,
		From:    &[]cdk8sistio.Principal{cdk8sistio.Principal_FromServiceAccount(frontendSa)},
		Methods: jsii.Strings("GET"),
		Paths:   jsii.Strings("/api/*"),
	})
}

// synthError runs app.Synth() and returns what it panicked with ("" when it did not panic):
// the Go runtime of jsii turns a JavaScript exception into a panic.
func synthError(app cdk8s.App) (message string) {
	defer func() {
		if r := recover(); r != nil {
			message = fmt.Sprint(r)
		}
	}()
	app.Synth()
	return ""
}

func run(outdir string) error {
	app := cdk8s.NewApp(&cdk8s.AppProps{Outdir: jsii.String(outdir)})
	cdk8sistio.NewMesh(app, jsii.String("mesh"), nil)
	newCanaryChart(app, "canary")
	newZeroTrustChart(app, "zero-trust")
	app.Synth()

	// The canary again, its VirtualService patched to route to a subset no DestinationRule defines.
	broken := cdk8s.NewApp(&cdk8s.AppProps{Outdir: jsii.String(outdir + "-broken")})
	cdk8sistio.NewMesh(broken, jsii.String("mesh"), nil)
	reviews := newCanaryChart(broken, "canary")
	reviews.VirtualService().AddJsonPatch(cdk8s.JsonPatch_Replace(jsii.String("/spec/http/0/route/0/destination/subset"), "v3"))
	message := synthError(broken)
	if message == "" {
		return fmt.Errorf("a route to a missing subset did not fail the synth")
	}
	if !strings.Contains(message, "virtualservice-subset-not-found") {
		return fmt.Errorf("the synth failed without the rule id: %s", message)
	}
	return nil
}

func main() {
	outdir := "dist/bindings/go"
	if len(os.Args) > 1 {
		outdir = os.Args[1]
	}
	err := run(outdir)
	jsii.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
