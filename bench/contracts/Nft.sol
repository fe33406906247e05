// SPDX-License-Identifier: Apache-2.0
// parevm bench: a minimal ERC-721 (EIP-721) for game items: the game mints items with ids it
// chooses, players transfer them. Storage layout (relied on by bench/workloads):
//   slot 0: ownerOf (mapping uint256 => address)
//   slot 1: balanceOf (mapping address => uint256)
//   slot 2: getApproved (mapping uint256 => address)
//   slot 3: isApprovedForAll (mapping address => mapping address => bool)
//   slot 4: minter (address allowed to mint besides the players themselves)
pragma solidity 0.8.28;

contract Nft {
    mapping(uint256 => address) public ownerOf;
    mapping(address => uint256) public balanceOf;
    mapping(uint256 => address) public getApproved;
    mapping(address => mapping(address => bool)) public isApprovedForAll;
    address public minter;

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);

    constructor() {
        minter = msg.sender;
    }

    /// Mints item `tokenId` to `to`. A player may mint to itself (a game "craft" action); anyone
    /// else must be the minter.
    function mint(address to, uint256 tokenId) external {
        require(to == msg.sender || msg.sender == minter, "Nft: not minter");
        require(to != address(0), "Nft: zero address");
        require(ownerOf[tokenId] == address(0), "Nft: exists");
        ownerOf[tokenId] = to;
        unchecked {
            balanceOf[to] += 1;
        }
        emit Transfer(address(0), to, tokenId);
    }

    function approve(address approved, uint256 tokenId) external {
        address owner = ownerOf[tokenId];
        require(msg.sender == owner || isApprovedForAll[owner][msg.sender], "Nft: not owner");
        getApproved[tokenId] = approved;
        emit Approval(owner, approved, tokenId);
    }

    function setApprovalForAll(address operator, bool approved) external {
        isApprovedForAll[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    function transferFrom(address from, address to, uint256 tokenId) public {
        require(ownerOf[tokenId] == from, "Nft: wrong owner");
        require(to != address(0), "Nft: zero address");
        require(
            msg.sender == from || getApproved[tokenId] == msg.sender
                || isApprovedForAll[from][msg.sender],
            "Nft: not allowed"
        );
        delete getApproved[tokenId];
        unchecked {
            balanceOf[from] -= 1;
            balanceOf[to] += 1;
        }
        ownerOf[tokenId] = to;
        emit Transfer(from, to, tokenId);
    }
}
