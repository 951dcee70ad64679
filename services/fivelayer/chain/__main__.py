"""Run the chain service: `python -m fivelayer.chain`.

It starts the node (anvil) as its child, replays the journal into it, deploys the contracts on a
new chain, and serves the Chain gRPC face with the JSON-RPC face on its REST port (`/rpc`), and the
Stablecoin face: the FUSD issuer, whose wires land at the broker.
"""
from __future__ import annotations

from fivelayer.chain import models, stablecoin_models  # noqa: F401  (tables)
from fivelayer.chain.jobs import chain_jobs
from fivelayer.chain.node import Node
from fivelayer.chain.producer import Producer
from fivelayer.chain.proxy import JsonRpcFace
from fivelayer.chain.service import ChainServicer, genesis_instant, pending_instants
from fivelayer.chain.stablecoin_service import StablecoinServicer
from fivelayer.kernel.config import Settings
from fivelayer.kernel.contracts import load_contracts
from fivelayer.kernel.rpc import Runtime
from fivelayer.kernel.server import expose, serve
from fivelayer.v1 import chain_pb2, chain_pb2_grpc


def main() -> None:
    settings = Settings.from_env()
    runtime = Runtime("chain", settings)
    node = Node(settings.host, settings.node_port(), genesis_instant(runtime.db, runtime.started_at()),
                settings.data_dir / "logs" / "anvil.log")
    producer = Producer(runtime.db, node)
    servicer = ChainServicer(runtime.db, runtime.clock, producer, settings.json_rpc_url())
    # before the producer starts: a replayed mint not yet reported is booked by the stablecoin issuer too
    stablecoin = StablecoinServicer(runtime.db, runtime.clock, servicer, runtime.clients.broker,
                                    runtime.schedule_moved)
    producer.start()
    servicer.genesis(load_contracts(settings.contracts_dir))
    producer.watch()
    face = JsonRpcFace(producer, runtime.clock, runtime.faults)
    serve(runtime, [expose(chain_pb2, chain_pb2_grpc, "Chain", servicer),
                    expose(chain_pb2, chain_pb2_grpc, "Stablecoin", stablecoin)],
          jobs=chain_jobs(lambda after: pending_instants(servicer, after), producer.mine,
                          (stablecoin.next_wire, stablecoin.pay_due)),
          on_stop=producer.stop, extend_rest=face.install)


if __name__ == "__main__":
    main()
