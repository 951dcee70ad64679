"""An integrator's first look at the sandbox's chain with web3.py, unmodified: `python tools/web3_demo.py URL`.

Reads the chain id and head, finds the tokens by symbol, prints a test account's FUSD balance, and lists the
FUSD Transfer logs into it, as a deposit watcher or a wallet would. Nothing here imports Fivelayer.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from web3 import Web3

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:50151/rpc"
HOLDER = sys.argv[2] if len(sys.argv) > 2 else "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"  # test account 2
FUSD_ADDRESS = sys.argv[3] if len(sys.argv) > 3 else "0xda592f16503efb3a5e8d35da760b6a7dbafa7091"
ABI = json.loads((Path(__file__).resolve().parent.parent / "services/fivelayer/kernel/abi/FUSD.json").read_text())["abi"]

w3 = Web3(Web3.HTTPProvider(URL))
head = w3.eth.get_block("latest")
print(f"chain {w3.eth.chain_id}, block {head.number} at {head.timestamp} (sandbox time, unix seconds)")
fusd = w3.eth.contract(address=Web3.to_checksum_address(FUSD_ADDRESS), abi=ABI)
holder = Web3.to_checksum_address(HOLDER)
print(f"{fusd.functions.symbol().call()} balance of {holder}: "
      f"{fusd.functions.balanceOf(holder).call() / 10 ** fusd.functions.decimals().call()}")
for log in fusd.events.Transfer.get_logs(from_block=0, argument_filters={"to": holder}):
    print(f"  Transfer {log.args['from']} -> {log.args.to} {log.args.value} in block {log.blockNumber} "
          f"({log.transactionHash.to_0x_hex()[:18]}...)")
