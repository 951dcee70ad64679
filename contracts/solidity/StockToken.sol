// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RestrictedToken} from "./RestrictedToken.sol";

/// @title StockToken
/// @notice A tokenized share of one US stock, held 1:1 in the issuer's SPV. Balances never change for a
/// corporate action; instead the token carries a multiplier, the shares of the underlying per token,
/// which a split or a reinvested dividend changes. As Backed's xStocks do, the issuer schedules a
/// multiplier change for a stated instant (e.g. the split's effective date), so every holder and venue
/// can see it coming and it takes effect at the same moment for everyone.
/// @dev The multiplier is an 18-decimal fixed point: 1e18 = 1 share per token.
contract StockToken is RestrictedToken {
    /// @notice One scheduled multiplier change.
    /// @param multiplier shares per token (18 decimals) from `effectiveAt` on.
    /// @param effectiveAt when it takes effect (unix seconds, never before `setAt`).
    /// @param setAt the block time at which it was scheduled.
    struct MultiplierChange {
        uint256 multiplier;
        uint64 effectiveAt;
        uint64 setAt;
    }

    /// @notice At most this many changes may wait to take effect at once (so a split and a dividend
    /// may both be pending, but the history stays small).
    uint256 public constant MAX_PENDING_CHANGES = 8;

    /// @notice The multiplier before any change. Plain storage, not immutable, so the deployed code is
    /// exactly the artifact's deployedBytecode.
    uint256 public initialMultiplier;

    /// @dev Sorted by effectiveAt; changes at the same instant in the order they were set.
    MultiplierChange[] private _changes;

    event MultiplierScheduled(uint256 previous, uint256 multiplier, uint64 effectiveAt);

    error InvalidMultiplier();
    error TooManyPendingChanges();

    constructor(
        string memory name_,
        string memory symbol_,
        address issuer,
        address minter,
        uint256 initialMultiplier_
    ) RestrictedToken(name_, symbol_, issuer, minter) {
        if (initialMultiplier_ == 0) revert InvalidMultiplier();
        initialMultiplier = initialMultiplier_;
    }

    /// @notice Schedules `newMultiplier` to take effect at `effectiveAt`, or now if that is past: a chain
    /// cannot change its own past. A change at the same instant as an earlier one is placed after it,
    /// so the one set later wins.
    function scheduleMultiplier(uint256 newMultiplier, uint64 effectiveAt) external onlyRole(ISSUER_ROLE) {
        if (newMultiplier == 0) revert InvalidMultiplier();
        uint64 nowTs = uint64(block.timestamp);
        uint64 at = effectiveAt > nowTs ? effectiveAt : nowTs;
        uint256 n = _changes.length;
        if (at > nowTs) {
            // The pending changes are the tail of the sorted history.
            uint256 pending;
            for (uint256 i = n; i > 0 && _changes[i - 1].effectiveAt > nowTs; --i) {
                ++pending;
            }
            if (pending >= MAX_PENDING_CHANGES) revert TooManyPendingChanges();
        }
        uint256 previous = multiplierAt(at);
        // Insert after every change with effectiveAt <= at, shifting the later ones up by one.
        uint256 pos = n;
        while (pos > 0 && _changes[pos - 1].effectiveAt > at) {
            --pos;
        }
        _changes.push();
        for (uint256 i = n; i > pos; --i) {
            _changes[i] = _changes[i - 1];
        }
        _changes[pos] = MultiplierChange({multiplier: newMultiplier, effectiveAt: at, setAt: nowTs});
        emit MultiplierScheduled(previous, newMultiplier, at);
    }

    /// @notice The multiplier in force now.
    function multiplier() external view returns (uint256) {
        return multiplierAt(uint64(block.timestamp));
    }

    /// @notice The multiplier in force at `at`: the last change with effectiveAt <= at, else the initial one.
    function multiplierAt(uint64 at) public view returns (uint256) {
        for (uint256 i = _changes.length; i > 0; --i) {
            MultiplierChange storage change = _changes[i - 1];
            if (change.effectiveAt <= at) return change.multiplier;
        }
        return initialMultiplier;
    }

    /// @notice The last change still to take effect, or (0, 0) if none is pending.
    function pendingMultiplier() external view returns (uint256 multiplier, uint64 effectiveAt) {
        uint256 n = _changes.length;
        if (n > 0 && _changes[n - 1].effectiveAt > block.timestamp) {
            MultiplierChange storage change = _changes[n - 1];
            return (change.multiplier, change.effectiveAt);
        }
        return (0, 0);
    }

    /// @notice The whole history of changes, past and pending, in order.
    function multiplierChanges() external view returns (MultiplierChange[] memory) {
        return _changes;
    }
}
