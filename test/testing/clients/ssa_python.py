"""Server-side apply through Python's official Kubernetes client (Debian's python3-kubernetes).

Run by test/testing/ssa-clients.test.ts with the test server's URL; prints one JSON document
with what the client saw, for the test to check.
"""
import json
import sys

from kubernetes import client, dynamic
from kubernetes.dynamic.exceptions import ConflictError


def gizmo(name, image):
    return {
        "apiVersion": "ssa.example.com/v1",
        "kind": "Gizmo",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {"image": image},
    }


def apply(dyn, resource, body, manager, force=None):
    """An apply patch. This client version cannot send a dict as application/apply-patch+yaml
    (its server_side_apply fails in rest.py), so the body goes as a JSON string, which is YAML."""
    path = resource.path(name=body["metadata"]["name"], namespace="default")
    return dyn.request(
        "patch", path, body=json.dumps(body), content_type="application/apply-patch+yaml",
        field_manager=manager, force_conflicts=force,
    )


def main(url):
    config = client.Configuration()
    config.host = url
    api = client.ApiClient(config)
    dyn = dynamic.DynamicClient(api)
    gizmos = dyn.resources.get(api_version="ssa.example.com/v1", kind="Gizmo")
    seen = {}
    applied = apply(dyn, gizmos, gizmo("g1", "a"), "py-applier")
    seen["applied"] = applied.to_dict()["metadata"]["managedFields"]
    try:
        apply(dyn, gizmos, gizmo("g1", "b"), "py-other")
        seen["conflict"] = None
    except ConflictError as error:
        seen["conflict"] = {"status": error.status, "body": json.loads(error.body)}
    apply(dyn, gizmos, gizmo("g1", "b"), "py-other", force=True)
    seen["forced"] = dyn.get(gizmos, name="g1", namespace="default").to_dict()["metadata"]["managedFields"]
    # A create that names no field manager: the server derives one from the User-Agent.
    created = client.CustomObjectsApi(api).create_namespaced_custom_object(
        "ssa.example.com", "v1", "default", "gizmos", gizmo("g2", "c")
    )
    seen["created"] = created["metadata"]["managedFields"]
    print(json.dumps(seen))


if __name__ == "__main__":
    main(sys.argv[1])
