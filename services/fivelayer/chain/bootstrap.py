"""Assemble the chain: the node (anvil, started by `start`), its block producer, the service layers
(`handlers`, `stablecoin_handlers`), the Chain and Stablecoin faces over them, the JSON-RPC face and the
jobs (`build`).

Start-up replays the journal into a new node and deploys the contracts on a new chain, then
watches the node (a dead one is restarted); stopping stops the node.
"""
from __future__ import annotations

from dataclasses import dataclass

from fivelayer.chain import models, stablecoin_models  # noqa: F401  (tables)
from fivelayer.chain.handlers import Chain, genesis_instant
from fivelayer.chain.jobs import chain_jobs
from fivelayer.chain.node import Node
from fivelayer.chain.producer import Producer
from fivelayer.chain.proxy import JsonRpcFace
from fivelayer.chain.service import ChainServicer
from fivelayer.chain.stablecoin_handlers import StablecoinIssuer
from fivelayer.chain.stablecoin_service import StablecoinServicer
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.config import Settings
from fivelayer.kernel.contracts import load_contracts
from fivelayer.kernel.rpc import Runtime
from fivelayer.kernel.server import Parts, expose
from fivelayer.v1 import chain_pb2, chain_pb2_grpc


@dataclass(kw_only=True)
class ChainParts(Parts):
    node: Node
    producer: Producer
    handlers: Chain
    issuer: StablecoinIssuer
    chain: ChainServicer
    stablecoin: StablecoinServicer
    json_rpc: JsonRpcFace


def build(settings: Settings, clock: ClockSource | None = None) -> ChainParts:
    """The chain's parts; its genesis instant is the sandbox's now at its first start (kept for every replay)."""
    runtime = Runtime("chain", settings, clock)
    # the node sits with the chain service, at the address the chain is reached (not FIVELAYER_HOST, the default
    # for every host: the chain on a host of its own would leave its node elsewhere)
    node = Node(settings.host_of("chain"), settings.node_port(), genesis_instant(runtime.db, runtime.started_at()),
                settings.data_dir / "logs" / "anvil.log")
    producer = Producer(runtime.db, node)
    chain = Chain(runtime.db, runtime.clock, producer)
    # before the producer starts: a replayed mint not yet reported is booked by the stablecoin issuer too
    issuer = StablecoinIssuer(runtime.db, runtime.clock, chain, runtime.clients.broker, runtime.schedule_moved)
    servicer = ChainServicer(chain, settings.json_rpc_url())
    stablecoin = StablecoinServicer(issuer)
    face = JsonRpcFace(producer, runtime.clock, runtime.faults)
    return ChainParts(
        runtime=runtime, node=node, producer=producer, handlers=chain, issuer=issuer, chain=servicer,
        stablecoin=stablecoin, json_rpc=face,
        services=[expose(chain_pb2, chain_pb2_grpc, "Chain", servicer),
                  expose(chain_pb2, chain_pb2_grpc, "Stablecoin", stablecoin)],
        jobs=chain_jobs(chain.pending_instants, producer.mine, (issuer.next_wire, issuer.pay_due)),
        starting=[producer.start, lambda: chain.genesis(load_contracts(settings.contracts_dir)), producer.watch],
        on_stop=producer.stop, extend_rest=face.install)
