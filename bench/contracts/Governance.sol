// SPDX-License-Identifier: Apache-2.0
// parevm bench: a DAO governor: token holders vote on proposals with their voting power.
// Storage layout (relied on by bench/workloads):
//   slot 0: votingPower (mapping address => uint256)
//   slot 1: proposals (mapping uint256 => Proposal); a Proposal takes 3 slots from
//           keccak(id . 1): forVotes, againstVotes, then deadline (uint64) | executed (bool)
//   slot 2: hasVoted (mapping uint256 => mapping address => bool)
//   slot 3: proposalCount
pragma solidity 0.8.28;

contract Governance {
    struct Proposal {
        uint256 forVotes;
        uint256 againstVotes;
        uint64 deadline;
        bool executed;
    }

    mapping(address => uint256) public votingPower;
    mapping(uint256 => Proposal) public proposals;
    mapping(uint256 => mapping(address => bool)) public hasVoted;
    uint256 public proposalCount;

    event ProposalCreated(uint256 indexed id, address indexed proposer, uint64 deadline);
    event VoteCast(address indexed voter, uint256 indexed id, bool support, uint256 weight);
    event ProposalExecuted(uint256 indexed id, bool passed);

    function propose(uint64 duration) external returns (uint256 id) {
        require(votingPower[msg.sender] > 0, "Gov: no power");
        id = proposalCount++;
        uint64 deadline = uint64(block.timestamp) + duration;
        proposals[id].deadline = deadline;
        emit ProposalCreated(id, msg.sender, deadline);
    }

    function castVote(uint256 id, bool support) external {
        Proposal storage p = proposals[id];
        require(block.timestamp < p.deadline, "Gov: closed");
        require(!hasVoted[id][msg.sender], "Gov: voted");
        uint256 weight = votingPower[msg.sender];
        require(weight > 0, "Gov: no power");
        hasVoted[id][msg.sender] = true;
        if (support) {
            p.forVotes += weight;
        } else {
            p.againstVotes += weight;
        }
        emit VoteCast(msg.sender, id, support, weight);
    }

    function execute(uint256 id) external returns (bool passed) {
        Proposal storage p = proposals[id];
        require(block.timestamp >= p.deadline, "Gov: open");
        require(!p.executed, "Gov: executed");
        p.executed = true;
        passed = p.forVotes > p.againstVotes;
        emit ProposalExecuted(id, passed);
    }
}
