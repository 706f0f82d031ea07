"""Namespaces, a ConfigMap and watches through Python's official Kubernetes client.

Run by test/testing/python-core.test.ts with the test server's URL. The client sends `watch=True`
(Python's spelling of a boolean), so its watches only work against a server that reads booleans
as apimachinery does. Prints one JSON document with what the client saw.
"""
import json
import sys
import threading

from kubernetes import client, watch
from kubernetes.client.rest import ApiException


def error_of(call):
    try:
        call()
    except ApiException as e:
        return {"status": e.status, "body": json.loads(e.body)}
    return None


def first_event(list_call, create, **kwargs):
    """Opens a watch from the list's resourceVersion, creates something, returns the first event."""
    listed = list_call(**kwargs)
    rv = listed["metadata"]["resourceVersion"] if isinstance(listed, dict) else listed.metadata.resource_version
    w = watch.Watch()
    creator = threading.Timer(0.2, create)
    creator.start()
    try:
        for event in w.stream(list_call, resource_version=rv, timeout_seconds=120, **kwargs):
            return {"type": event["type"], "name": name_of(event["object"])}
    finally:
        w.stop()
        creator.join()
    return None


def name_of(obj):
    return obj["metadata"]["name"] if isinstance(obj, dict) else obj.metadata.name


def main(url):
    config = client.Configuration()
    config.host = url
    api = client.ApiClient(config)
    core = client.CoreV1Api(api)
    custom = client.CustomObjectsApi(api)
    seen = {}

    created = core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="py")))
    seen["created"] = {"phase": created.status.phase, "finalizers": created.spec.finalizers}
    seen["namespaces"] = [n.metadata.name for n in core.list_namespace().items]
    seen["missing"] = error_of(lambda: core.create_namespaced_config_map(
        "nowhere", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="c"))))

    seen["configmap_watch"] = first_event(
        core.list_namespaced_config_map,
        lambda: core.create_namespaced_config_map(
            "py", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="cm1"), data={"a": "b"})),
        namespace="py")

    widget = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w1"}, "spec": {"color": "red"}}
    seen["widget_watch"] = first_event(
        custom.list_namespaced_custom_object,
        lambda: custom.create_namespaced_custom_object("example.com", "v1", "py", "widgets", widget),
        group="example.com", version="v1", namespace="py", plural="widgets")

    deleted = json.loads(core.delete_namespace("py", _preload_content=False).data)
    seen["deleted"] = deleted["status"]["phase"]
    print(json.dumps(seen))


if __name__ == "__main__":
    main(sys.argv[1])
